import { Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type FormEvent } from 'react';
import { officeTimeZone, type Customer } from '../../domain';
import { CommandRejected } from '../data/outbox';
import { JobDetailsFields } from '../kit/JobDetailsFields';
import { focusFirstError, withoutErrors, type FormErrors } from '../kit/jobDetails';
import { closeNewJob, requestSchedule, useNewJobState } from '../kit/newJobIntent';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { CustomerFields } from './CustomerFields';
import { emptyNewJob, toNewJobInput, validateNewJob, withCustomer, type NewJobValues } from './newJobForm';

/**
 * "New job": a dispatcher takes a call. Mounted once by the shell; opened from the board's toolbar, the
 * jobs list and the palette. "Save" queues the provider's own job (Unscheduled); "Save and schedule" then
 * hands it to the board's scheduling dialog, the one the keyboard path uses.
 */
export function NewJobDialog() {
  const { open } = useNewJobState();
  return (
    <Modal opened={open} onClose={closeNewJob} title="New job" size="xl" centered>
      {/* Mounted only while open, so every call starts from an empty form. */}
      {open && <NewJobForm />}
    </Modal>
  );
}

function NewJobForm() {
  const { client, actor } = useConsole();
  const { db } = client;
  const ui = useUi();
  // The organization's customers and service types, from the cache: finding a customer works offline.
  const lookups = useLiveQuery(async () => {
    const [customers, jobs, organization] = await Promise.all([
      db.customers.toArray(),
      db.jobs.toArray(),
      actor.organizationId ? db.organizations.get(actor.organizationId) : undefined,
    ]);
    return {
      customers: customers.filter((customer) => customer.organizationId === actor.organizationId),
      serviceTypes: [...new Set(jobs.map((job) => job.serviceType).filter((type): type is string => !!type))].sort(),
      officeZone: officeTimeZone(organization),
    };
  }, [db, actor.organizationId]);
  const officeZone = lookups?.officeZone ?? '';
  const [values, setValues] = useState<NewJobValues>(() => emptyNewJob(''));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The office's zone arrives with the first read; until the dispatcher picks one, the site is there.
  const shown = values.timeZone || !officeZone ? values : { ...values, timeZone: officeZone };

  const change = (next: Partial<NewJobValues>, cleared: string[]) => {
    setValues((current) => ({ ...current, ...next }));
    setErrors((current) => withoutErrors(current, cleared));
  };
  const pick = (customer: Customer | null) => {
    setValues((current) => (customer ? withCustomer(current, customer, officeZone) : { ...current, customerId: null }));
    setErrors({});
  };

  const save = async (schedule: boolean) => {
    const found = validateNewJob(shown);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(form.current);
    const existing = shown.customerId
      ? lookups?.customers.find((customer) => customer.id === shown.customerId)
      : undefined;
    setBusy(true);
    try {
      const { jobId, entry } = await client.commands.createJob(toNewJobInput(shown, existing));
      const title = shown.title.trim();
      notifications.show(
        entry.offline
          ? {
              color: 'gray',
              title: 'Job saved on this computer',
              message: `"${title}" syncs when the connection returns.`,
            }
          : { color: 'green', title: 'Job created', message: `"${title}" is in the queue, Unscheduled.` },
      );
      closeNewJob();
      if (schedule) {
        ui.setView('board');
        requestSchedule(jobId);
      }
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The job was not created',
        message:
          error instanceof CommandRejected ? error.message : 'Something went wrong while saving the job. Try again.',
        autoClose: 10_000,
      });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void save(submitter?.getAttribute('data-then') === 'schedule');
  };

  return (
    <form onSubmit={submit} noValidate ref={form}>
      <Stack gap="sm">
        <Divider label="Customer" labelPosition="left" />
        <CustomerFields
          values={shown}
          errors={errors}
          customers={lookups?.customers ?? []}
          onChange={change}
          onPick={pick}
        />
        <Divider label="Job" labelPosition="left" mt={4} />
        <JobDetailsFields values={shown} errors={errors} serviceTypes={lookups?.serviceTypes ?? []} onChange={change} />
        <Group justify="space-between" mt="sm" wrap="nowrap">
          <Text size="xs" c="dimmed">
            The job starts Unscheduled, in the queue beside the board.
          </Text>
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={closeNewJob} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="light" loading={busy} data-then="save">
              Save
            </Button>
            <Button type="submit" loading={busy} data-then="schedule">
              Save and schedule
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
