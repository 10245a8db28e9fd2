import { Badge, Button, Group, NativeSelect, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { MAX_NOTE_LENGTH, type Note } from '../../domain';
import type { JobDetails } from '../data/views';
import { formatMoment, formatRange } from '../kit/format';
import { personName } from '../kit/labels';
import { useConsole } from '../kit/SyncProvider';
import { CLOCK_GAP_MS, ROLE_LABELS, SOURCE_BADGES } from './format';
import { runCommand } from './runCommand';

/** Who wrote a note, from where, and when: written and received both, when they lie far apart. */
export function NoteMeta({ note, pending }: { note: Note; pending: boolean }) {
  const source = SOURCE_BADGES[note.source];
  const late = !pending && Math.abs(note.receivedAt - note.writtenAt) > CLOCK_GAP_MS;
  return (
    <Group gap={6} mt={2} wrap="wrap">
      <Text size="xs">
        {note.authorName}
        <Text span size="xs" c="dimmed">
          {' '}
          · {ROLE_LABELS[note.authorRole]}
        </Text>
      </Text>
      <Badge size="xs" variant="light" color={source.color} tt="none" data-source={note.source}>
        {source.label}
      </Badge>
      <Text size="xs" c="dimmed">
        <span data-written-at={note.writtenAt}>
          {late ? 'written ' : ''}
          {formatMoment(note.writtenAt)}
        </span>
        {late && (
          <Tooltip label="When the server received it">
            <span data-received-at={note.receivedAt}> · received {formatMoment(note.receivedAt)}</span>
          </Tooltip>
        )}
      </Text>
      {note.offline && (
        <Badge size="xs" variant="outline" color="orange" tt="none" data-written-offline>
          written offline
        </Badge>
      )}
      {pending && (
        <Tooltip label="Saved on this computer; not yet confirmed by the server">
          <Badge size="xs" variant="outline" color="yellow" tt="none" data-note-pending>
            not yet synced
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** The visit a note is about, when the job has more than one to tell apart. */
function aboutVisit(note: Note, details: JobDetails): string | undefined {
  if (!note.appointmentId) return undefined;
  const visit = details.appointments.find((appointment) => appointment.id === note.appointmentId);
  if (!visit) return 'About a visit';
  return `About the visit ${formatRange(visit.start, visit.start + visit.durationMinutes * 60_000)}`;
}

/**
 * The job's notes, newest first, with a box to add one: what people wrote (the customer called back, the
 * technician is ordering parts). A note shows at once, marked until the server confirms it, also offline.
 */
export function NotesSection({ details }: { details: JobDetails }) {
  const { client } = useConsole();
  const headingId = useId();
  const [text, setText] = useState('');
  // '' is the whole job; else the visit the note is about.
  const [about, setAbout] = useState('');
  const [saving, setSaving] = useState(false);
  const job = details.job!;
  const pendingIds = new Set(details.pendingNotes.map((note) => note.id));
  const blank = text.trim() === '';
  const visits = details.appointments.filter((visit) => visit.status !== 'canceled');
  const aboutVisitId = visits.some((visit) => visit.id === about) ? about : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blank || saving) return;
    setSaving(true);
    if (await runCommand(() => client.commands.addNote(job.id, text.trim(), aboutVisitId))) setText('');
    setSaving(false);
  };

  return (
    <Stack gap={6} component="section" aria-labelledby={headingId} data-notes>
      <Title order={3} id={headingId} fz="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
        Notes
      </Title>
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap={6}>
          <Textarea
            aria-label="New note"
            placeholder="Write a note about this job…"
            autosize
            minRows={2}
            maxRows={8}
            maxLength={MAX_NOTE_LENGTH}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Ctrl+Enter (⌘+Enter) adds the note; Enter alone is a line break.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
            }}
          />
          <Group justify="flex-end" align="flex-end">
            {visits.length > 0 && (
              <NativeSelect
                size="xs"
                label="About"
                value={aboutVisitId ?? ''}
                onChange={(event) => setAbout(event.currentTarget.value)}
                data={[
                  { value: '', label: 'The whole job' },
                  ...visits.map((visit) => ({
                    value: visit.id,
                    label: `Visit ${formatRange(visit.start, visit.start + visit.durationMinutes * 60_000)} · ${personName(visit.technicianId ? details.people.get(visit.technicianId) : undefined)}`,
                  })),
                ]}
                style={{ flex: 1, minWidth: 0 }}
              />
            )}
            <Button type="submit" size="xs" variant="light" disabled={blank} loading={saving}>
              Add note
            </Button>
          </Group>
        </Stack>
      </form>
      {details.notes.length ? (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
          {details.notes.map((note) => {
            const about = aboutVisit(note, details);
            return (
              <li key={note.id} data-note-id={note.id}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {note.text}
                </Text>
                {about && (
                  <Text size="xs" c="dimmed">
                    {about}
                  </Text>
                )}
                <NoteMeta note={note} pending={pendingIds.has(note.id)} />
              </li>
            );
          })}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      )}
    </Stack>
  );
}

/** The customer's own notes (a gate code, a dog), as the customer record keeps them. */
export function CustomerNotes({ notes }: { notes: string }) {
  return (
    <Stack gap={0} mt={4} data-customer-notes>
      <Text size="xs" c="dimmed">
        Customer notes
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {notes}
      </Text>
    </Stack>
  );
}
