import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { keyLabel, SHORTCUT_GROUPS } from './shortcuts';

/** The "?" dialog: every shortcut, grouped by where it works. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg" centered>
      <Stack gap="lg">
        {SHORTCUT_GROUPS.map((group) => (
          <Stack gap={4} key={group.title}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
              {group.title}
            </Text>
            <Table verticalSpacing={6} horizontalSpacing={0} withRowBorders={false}>
              <Table.Tbody>
                {group.shortcuts.map((shortcut) => (
                  <Table.Tr key={shortcut.action}>
                    <Table.Td w={170}>
                      <Group gap={6} wrap="nowrap">
                        {shortcut.keys.map((combo, index) => (
                          <Fragment key={combo.join('+')}>
                            {index > 0 && (
                              <Text size="xs" c="dimmed">
                                or
                              </Text>
                            )}
                            <Group gap={3} wrap="nowrap">
                              {combo.map((key, position) => (
                                <Fragment key={key}>
                                  {position > 0 && (
                                    <Text size="xs" c="dimmed">
                                      +
                                    </Text>
                                  )}
                                  <Kbd size="xs">{keyLabel(key)}</Kbd>
                                </Fragment>
                              ))}
                            </Group>
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{shortcut.action}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
        <Text size="xs" c="dimmed">
          Single-key shortcuts are ignored while you type in a field.
        </Text>
      </Stack>
    </Modal>
  );
}
