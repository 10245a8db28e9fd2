import { Avatar, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { initialsOf, usePresence } from '../kit/presence';

/**
 * The header's other dispatchers online: initials with the name on hover, and a list screen readers read.
 * Offline it shows nothing of anyone, and says so.
 */
export function PresenceBar() {
  const { state, others } = usePresence();
  if (state === 'offline')
    return (
      <Text size="xs" c="dimmed" data-presence-state="offline" style={{ whiteSpace: 'nowrap' }}>
        Presence unavailable offline
      </Text>
    );
  if (!others.length) return <span data-presence-state="alone" hidden />;
  return (
    <div data-presence-state="online">
      <VisuallyHidden id="presence-title">Dispatchers online</VisuallyHidden>
      <Avatar.Group
        spacing="xs"
        component="ul"
        aria-labelledby="presence-title"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {others.map((person) => (
          <li key={person.userId} data-presence-user={person.userId}>
            <Tooltip label={`${person.name} is online`}>
              <Avatar size={28} radius="xl" color="initials" name={person.name} aria-hidden="true">
                {initialsOf(person.name)}
              </Avatar>
            </Tooltip>
            <VisuallyHidden>{person.name}</VisuallyHidden>
          </li>
        ))}
      </Avatar.Group>
    </div>
  );
}
