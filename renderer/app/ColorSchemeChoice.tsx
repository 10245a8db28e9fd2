import { Menu, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Follow system' },
];

/**
 * The account menu's colour scheme: Light, Dark or Follow system (Mantine's `auto`, the default until the
 * dispatcher chooses). The choice is Mantine's own, kept in localStorage by the provider's colour-scheme
 * manager, so it survives reloads and every window of the console follows it. "Follow system" is stored as
 * `auto` rather than cleared, so the other windows hear it too (a cleared key reaches them as nothing).
 */
export function ColorSchemeChoice() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <div role="group" aria-label="Color scheme">
      <Menu.Label>Color scheme</Menu.Label>
      <Menu.RadioGroup value={colorScheme} onChange={(value) => setColorScheme(value as MantineColorScheme)}>
        {CHOICES.map((choice) => (
          <Menu.RadioItem key={choice.value} value={choice.value}>
            {choice.label}
          </Menu.RadioItem>
        ))}
      </Menu.RadioGroup>
    </div>
  );
}
