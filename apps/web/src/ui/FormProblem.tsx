/** Why a form's last submit failed, read out as it appears. */
export function FormProblem({ problem, className }: { problem: string | undefined; className?: string }) {
  if (!problem) return null;
  return (
    <p className={className ? `inline-problem ${className}` : 'inline-problem'} role="alert">
      {problem}
    </p>
  );
}
