import { Badge, Group, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import {
  IconBriefcase,
  IconCalendarEvent,
  IconCar,
  IconCircleCheck,
  IconCircleX,
  IconCloudUpload,
  IconMessage,
  IconNote,
  IconPoint,
  IconTool,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ActivityEvent, CustomerNotification, Note } from '../../domain';
import type { OutboxEntry } from '../data/db';
import type { JobDetails } from '../data/views';
import { formatMoment, formatRange } from '../kit/format';
import { personName } from '../kit/labels';
import { changeLine, CLOCK_GAP_MS, describeChange, ROLE_LABELS, SOURCE_BADGES } from './format';
import { NoteMeta } from './NotesSection';

type Line =
  | { kind: 'unsent'; entry: OutboxEntry }
  | { kind: 'event'; event: ActivityEvent; order: Order }
  | { kind: 'text'; text: CustomerNotification; order: Order }
  | { kind: 'note'; note: Note; pending: boolean; order: Order };

/** When it happened, then the commit, then the place within the commit. */
type Order = [at: number, version: number, index: number];

function newestFirst(a: Order, b: Order): number {
  return b[0] - a[0] || b[1] - a[1] || b[2] - a[2];
}

const ICON_SIZE = 13;

function eventIcon(event: ActivityEvent): ReactNode {
  if (event.kind === 'appointment.status') {
    if (event.to === 'enroute') return <IconCar size={ICON_SIZE} />;
    if (event.to === 'started') return <IconTool size={ICON_SIZE} />;
    if (event.to === 'complete') return <IconCircleCheck size={ICON_SIZE} />;
    if (event.to === 'canceled') return <IconCircleX size={ICON_SIZE} />;
  }
  if (event.kind.startsWith('appointment.')) return <IconCalendarEvent size={ICON_SIZE} />;
  if (event.kind.startsWith('job.')) return <IconBriefcase size={ICON_SIZE} />;
  return <IconPoint size={ICON_SIZE} />;
}

function completeDescription(completeReasonId: string | undefined, details: JobDetails): string {
  const reason = details.lookups.completeReasons.find((candidate) => candidate.id === completeReasonId);
  return `Complete appointment${reason ? `: ${reason.label}` : ''}`;
}

/** What a queued command will do, in the words of the buttons that made it. */
function describeUnsent(entry: OutboxEntry, details: JobDetails): string {
  const args = entry.args as {
    status?: string;
    etaMinutes?: number;
    completeReasonId?: string;
    start?: number;
    technicianId?: string | null;
    appointment?: unknown;
  };
  switch (entry.name) {
    case 'appointment.setStatus': {
      if (args.status === 'enroute') return `On My Way${args.etaMinutes ? `, ETA ${args.etaMinutes} min` : ''}`;
      if (args.status === 'started') return 'Start appointment';
      if (args.status === 'scheduled') return 'Undo On My Way';
      return completeDescription(args.completeReasonId, details);
    }
    case 'appointment.complete':
      return completeDescription(args.completeReasonId, details);
    case 'appointment.create':
      return `New appointment${args.start ? ` ${formatMoment(args.start)}` : ''}${args.technicianId ? ` with ${personName(details.people.get(args.technicianId))}` : ''}`;
    case 'appointment.move':
      return 'Move appointment';
    case 'appointment.cancel':
      return 'Cancel appointment';
    case 'job.accept':
      return args.appointment ? 'Accept offer and schedule' : 'Accept offer';
    case 'job.decline':
      return 'Decline offer';
    case 'job.complete':
      return 'Complete Job';
    case 'job.cancel':
      return 'Cancel job';
    default:
      return entry.name;
  }
}

function Meta({ children }: { children: ReactNode }) {
  return (
    <Group gap={6} mt={2} wrap="wrap">
      {children}
    </Group>
  );
}

function EventLine({ event, details }: { event: ActivityEvent; details: JobDetails }) {
  const change = describeChange(event, details.people);
  const changeText = change && changeLine(change, event.field);
  const source = SOURCE_BADGES[event.source];
  const appointment = event.appointmentId
    ? details.appointments.find((candidate) => candidate.id === event.appointmentId)
    : undefined;
  const late = Math.abs(event.receivedAt - event.occurredAt) > CLOCK_GAP_MS;
  return (
    <>
      {changeText && (
        <Text size="sm" c="dimmed">
          {changeText}
        </Text>
      )}
      {appointment && details.appointments.length > 1 && event.field !== 'start' && (
        <Text size="xs" c="dimmed">
          Appointment {formatRange(appointment.start, appointment.start + appointment.durationMinutes * 60_000)}
        </Text>
      )}
      <Meta>
        <Text size="xs">
          {event.actorName}
          <Text span size="xs" c="dimmed">
            {' '}
            · {ROLE_LABELS[event.actorRole]}
          </Text>
        </Text>
        <Badge size="xs" variant="light" color={source.color} tt="none" data-source={event.source}>
          {source.label}
        </Badge>
        {event.offline && (
          <Badge size="xs" variant="outline" color="orange" tt="none" data-offline-replay>
            made offline, synced later
          </Badge>
        )}
      </Meta>
      <Text size="xs" c="dimmed" mt={2}>
        <span data-occurred-at={event.occurredAt}>{formatMoment(event.occurredAt)}</span>
        {late && (
          <Tooltip label="When the server received it">
            <span data-received-at={event.receivedAt}> · received {formatMoment(event.receivedAt)}</span>
          </Tooltip>
        )}
      </Text>
    </>
  );
}

/**
 * The job's history, newest first: every change with who made it, from where, when it happened and when
 * the server got it; the customer texts sent; and, on top, what this computer has not sent yet.
 */
export function ActivityTimeline({ details }: { details: JobDetails }) {
  // details.activity is newest first already; a text sent by a change (same commit) sits on top of it.
  const causeOf = new Map(details.activity.map((event) => [event.version, event]));
  const pendingNoteIds = new Set(details.pendingNotes.map((note) => note.id));
  const dated: Exclude<Line, { kind: 'unsent' }>[] = [
    ...details.activity.map((event, position) => ({
      kind: 'event' as const,
      event,
      order: [event.occurredAt, event.version, -position] as Order,
    })),
    ...details.texts.map((text) => ({
      kind: 'text' as const,
      text,
      order: [causeOf.get(text.version)?.occurredAt ?? text.createdAt, text.version, 1] as Order,
    })),
    // Notes are their own entity, shown here too (a pending one as written: it needs no "unsent" line).
    ...details.notes.map((note) => ({
      kind: 'note' as const,
      note,
      pending: pendingNoteIds.has(note.id),
      order: [note.writtenAt, note.version, 2] as Order,
    })),
  ];
  dated.sort((a, b) => newestFirst(a.order, b.order));
  const unsent = details.unsent.filter((entry) => entry.name !== 'note.add');
  const lines: Line[] = [...unsent.map((entry): Line => ({ kind: 'unsent', entry })).reverse(), ...dated];
  const onServer = details.activityOnServer && (
    <Text size="sm" c="dimmed" data-activity-on-server>
      Earlier activity is on the server; it loads when the console is online.
    </Text>
  );
  if (lines.length === 0) {
    if (onServer) return onServer;
    return (
      <Text size="sm" c="dimmed">
        No activity yet.
      </Text>
    );
  }
  const timeline = (
    <Timeline bulletSize={22} lineWidth={1} data-testid="activity-timeline">
      {lines.map((line) => {
        if (line.kind === 'unsent') {
          return (
            <Timeline.Item
              key={`unsent-${line.entry.id}`}
              bullet={<IconCloudUpload size={ICON_SIZE} />}
              color="yellow"
              data-activity="unsent"
              title={
                <Text size="sm" fw={500}>
                  {describeUnsent(line.entry, details)}
                </Text>
              }
            >
              <Meta>
                <Badge size="xs" variant="outline" color="yellow" tt="none">
                  not yet synced
                </Badge>
                <Text size="xs" c="dimmed">
                  {formatMoment(line.entry.createdAt)}
                </Text>
                {line.entry.offline && (
                  <Badge size="xs" variant="outline" color="orange" tt="none">
                    made offline
                  </Badge>
                )}
              </Meta>
            </Timeline.Item>
          );
        }
        if (line.kind === 'note') {
          return (
            <Timeline.Item
              key={`note-${line.note.id}`}
              bullet={<IconNote size={ICON_SIZE} />}
              color={line.pending ? 'yellow' : 'indigo'}
              data-activity="note"
              title={
                <Text size="sm" fw={500}>
                  Note
                </Text>
              }
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {line.note.text}
              </Text>
              <NoteMeta note={line.note} pending={line.pending} />
            </Timeline.Item>
          );
        }
        if (line.kind === 'text') {
          return (
            <Timeline.Item
              key={`text-${line.text.id}`}
              bullet={<IconMessage size={ICON_SIZE} />}
              color="teal"
              data-activity="text"
              title={
                <Text size="sm" fw={500}>
                  Text sent to {line.text.to ?? 'no number on file'}
                </Text>
              }
            >
              <Text size="sm" c="dimmed" style={{ fontStyle: 'italic' }}>
                “{line.text.body}”
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {formatMoment(line.text.createdAt)}
              </Text>
            </Timeline.Item>
          );
        }
        return (
          <Timeline.Item
            key={line.event.id}
            bullet={eventIcon(line.event)}
            color="gray"
            data-activity={line.event.kind}
            title={
              <Text size="sm" fw={500}>
                {line.event.summary}
              </Text>
            }
          >
            <EventLine event={line.event} details={details} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
  return onServer ? (
    <Stack gap="xs">
      {timeline}
      {onServer}
    </Stack>
  ) : (
    timeline
  );
}
