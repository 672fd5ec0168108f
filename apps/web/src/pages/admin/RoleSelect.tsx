import type { Role } from '@duto/model';

const WHAT: Record<Role, string> = {
  viewer: 'viewer — watches',
  editor: 'editor — designs and runs',
  admin: 'admin — also users and audit',
};

interface RoleSelectProps {
  value: Role;
  roles: readonly Role[];
  onChange: (role: Role) => void;
  label: string;
  disabled?: boolean;
  testId?: string;
}

/** A role, with what it allows, among those the user may give. */
export function RoleSelect({ value, roles, onChange, label, disabled = false, testId }: RoleSelectProps) {
  return (
    <select className="input" aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)} data-testid={testId}>
      {roles.map((role) => (
        <option key={role} value={role}>
          {WHAT[role]}
        </option>
      ))}
    </select>
  );
}
