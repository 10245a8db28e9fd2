import { Button, Group, type MantineSpacing } from '@mantine/core';

interface Props {
  /** The way back's label ("Back", "Keep it"): it closes the form and changes nothing. */
  back: string;
  onBack(): void;
  /** The confirming button's label; it says what happens ("Yes, cancel it"). */
  confirm: string;
  /** Without it the confirming button submits the form it stands in. */
  onConfirm?(): void;
  /** Red: confirming ends or refuses something. */
  danger?: boolean;
  disabled?: boolean;
  /** Focus starts on the way back, so that Enter on a destructive question does nothing harmful. */
  focusBack?: boolean;
  size?: 'xs';
  mt?: MantineSpacing;
}

/** The foot of every confirm form in a popover or modal: the way back first, the confirming button last, at the right. */
export function ConfirmButtons({ back, onBack, confirm, onConfirm, danger, disabled, focusBack, size, mt }: Props) {
  return (
    <Group justify="flex-end" gap="xs" mt={mt}>
      <Button size={size} variant="default" onClick={onBack} data-autofocus={focusBack || undefined}>
        {back}
      </Button>
      <Button
        size={size}
        color={danger ? 'red' : undefined}
        type={onConfirm ? 'button' : 'submit'}
        onClick={onConfirm}
        disabled={disabled}
      >
        {confirm}
      </Button>
    </Group>
  );
}
