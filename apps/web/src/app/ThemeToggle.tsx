import { IconButton } from '../ui/IconButton';
import { useTheme } from './theme';

const NEXT_LABEL = { system: 'Theme: follows the system; switch to light', light: 'Theme: light; switch to dark', dark: 'Theme: dark; switch to following the system' };
const ICON = { system: 'monitor', light: 'sun', dark: 'moon' };

export function ThemeToggle() {
  const { choice, cycle } = useTheme();
  return <IconButton icon={ICON[choice]} label={NEXT_LABEL[choice]} onClick={cycle} data-testid="theme-toggle" />;
}
