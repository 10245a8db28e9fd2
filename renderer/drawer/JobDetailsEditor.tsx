import { Button, Group, Modal, Stack } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type FormEvent } from 'react';
import { isClosed, type Job } from '../../domain';
import { JobDetailsFields } from '../kit/JobDetailsFields';
import {
  detailsChanges,
  detailsOf,
  focusFirstError,
  validateDetails,
  withoutErrors,
  type FormErrors,
  type JobDetailsValues,
} from '../kit/jobDetails';
import { seenDetails } from '../data/commands';
import { useConsole } from '../kit/SyncProvider';
import { runCommand } from './runCommand';

/**
 * "Edit details" in the drawer: title, service type, description and the customer's preferred times,
 * through `job.update` (only what changed). A closed job is read-only, so the button is not offered.
 */
export function JobDetailsEditor({ job }: { job: Job }) {
  const [opened, setOpened] = useState(false);
  if (isClosed(job)) return null;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => setOpened(true)}
        data-action="edit-details"
      >
        Edit details
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Edit job details" size="lg" centered>
        {opened && <DetailsForm job={job} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function DetailsForm({ job, onClose }: { job: Job; onClose: () => void }) {
  const { client } = useConsole();
  const serviceTypes = useLiveQuery(
    async () =>
      [...new Set((await client.db.jobs.toArray()).map((entry) => entry.serviceType).filter((type) => !!type))].sort(),
    [client],
  );
  // The form starts from the job as the dispatcher saw it when opening (a live update does not overwrite typing).
  const [values, setValues] = useState<JobDetailsValues>(() => detailsOf(job));
  // What the edit is based on: someone else's change to one of these fields meanwhile is a conflict.
  const [opened] = useState(job);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateDetails(values);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(form.current);
    const changes = detailsChanges(opened, values);
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    const saved = await runCommand(() =>
      client.commands.run('job.update', { jobId: job.id, ...changes, seen: seenDetails(opened, changes) }),
    );
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate ref={form}>
      <Stack gap="sm">
        <JobDetailsFields
          values={values}
          errors={errors}
          serviceTypes={(serviceTypes ?? []) as string[]}
          onChange={(change, cleared) => {
            setValues((current) => ({ ...current, ...change }));
            setErrors((current) => withoutErrors(current, cleared));
          }}
          autoFocusTitle
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
