import { Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconHandGrab } from '@tabler/icons-react';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PresenceEntry } from '../../domain/protocol';
import type { PresenceView } from '../sync/presence';
import { useConsole } from './SyncProvider';

/** The other dispatchers online, and whether presence is known at all (server/PROTOCOL.md, "Presence"). */
export function usePresence(): PresenceView {
  const { client } = useConsole();
  return useSyncExternalStore(client.presence.subscribe, client.presence.get);
}

/** While mounted with a job, this dispatcher is viewing it. */
export function useViewingPresence(jobId: string | null): void {
  const { client } = useConsole();
  useEffect(() => {
    client.presence.report({ viewing: jobId });
    return () => client.presence.report({ viewing: null });
  }, [client, jobId]);
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '')).toUpperCase() || '?';
}

/** "Marcus", "Marcus and Olivia", "Marcus, Olivia and Ravi". */
function listNames(people: PresenceEntry[]): string {
  const names = people.map((person) => firstName(person.name));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface WhoElse {
  kind: 'moving' | 'viewing';
  people: PresenceEntry[];
  /** "Marcus is moving this", "Marcus and Olivia are viewing this". */
  sentence: string;
}

/**
 * Who else has this job open or drags it (its block or card: any of `movingIds`); moving comes first, it is
 * the one that may change what this dispatcher sees.
 */
export function whoElse(others: PresenceEntry[], jobId: string, movingIds: readonly string[]): WhoElse | null {
  const moving = others.filter((person) => person.moving.some((id) => id === jobId || movingIds.includes(id)));
  const people = moving.length ? moving : others.filter((person) => person.viewing.includes(jobId));
  if (!people.length) return null;
  const kind = moving.length ? 'moving' : 'viewing';
  return { kind, people, sentence: `${listNames(people)} ${people.length > 1 ? 'are' : 'is'} ${kind} this` };
}

export function useWhoElse(jobId: string, movingIds: readonly string[] = []): WhoElse | null {
  const { others } = usePresence();
  return whoElse(others, jobId, movingIds);
}

/** The drawer's line: "Marcus is viewing this" (nothing when nobody else is). */
export function PresenceNote({ jobId, movingIds }: { jobId: string; movingIds: readonly string[] }) {
  const who = useWhoElse(jobId, movingIds);
  if (!who) return null;
  const Icon = who.kind === 'moving' ? IconHandGrab : IconEye;
  return (
    <Group gap={6} wrap="nowrap" role="status" data-presence={who.kind}>
      <Icon size={14} color={who.kind === 'moving' ? 'var(--mantine-color-orange-7)' : 'var(--mantine-color-blue-7)'} />
      <Text size="xs" c={who.kind === 'moving' ? 'orange.8' : 'blue.8'} fw={600}>
        {who.sentence}
      </Text>
    </Group>
  );
}

/**
 * Who else has this block's job open or drags the block. Every block asks, so each re-renders only when its own
 * answer changes (the snapshot is the answer's sentence), not on every move of every other dispatcher.
 */
export function useBlockPresence(jobId: string, appointmentId: string): WhoElse | null {
  const { client } = useConsole();
  const answer = () => whoElse(client.presence.get().others, jobId, [appointmentId]);
  // The store's snapshot must be a stable value, so it is the sentence; the whole answer is worked out again
  // only when the sentence changes, not on every render of the block.
  const sentence = useSyncExternalStore(client.presence.subscribe, () => answer()?.sentence ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the sentence stands for the answer it came from
  return useMemo(() => (sentence === null ? null : answer()), [sentence, jobId, appointmentId]);
}

/**
 * A block's mark: the other dispatcher's initials, the sentence on hover. Hidden from screen readers: the block
 * says the sentence in its own name (a button's content is not read out by itself), and initials there would
 * only be noise.
 */
export function BlockPresence({ who }: { who: WhoElse | null }) {
  if (!who) return null;
  return (
    <Tooltip label={who.sentence}>
      <span
        aria-hidden="true"
        data-presence={who.kind}
        style={{
          position: 'absolute',
          right: 2,
          bottom: 2,
          padding: '0 3px',
          borderRadius: 6,
          fontSize: 9,
          lineHeight: '12px',
          fontWeight: 700,
          color: '#fff',
          background: who.kind === 'moving' ? 'var(--mantine-color-orange-8)' : 'var(--mantine-color-blue-8)',
        }}
      >
        {who.people.map((person) => initialsOf(person.name)).join(' ')}
      </span>
    </Tooltip>
  );
}
