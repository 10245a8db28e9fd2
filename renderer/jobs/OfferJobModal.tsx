import {
  Autocomplete,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import type { Organization } from '../../domain';
import { useConsole } from '../kit/SyncProvider';
import { CommandRejected } from '../data/outbox';
import { EMPTY_OFFER, toOfferInput, validateOffer, type OfferFormErrors, type OfferFormValues } from './offerForm';

interface OfferJobModalProps {
  opened: boolean;
  onClose: () => void;
  organizations: readonly Organization[];
  serviceTypes: readonly string[];
  /** Called with the new job's id once the offer is queued. */
  onOffered: (jobId: string) => void;
}

/** An enterprise offers a new job, with its customer, to one of the providers in its network. */
export function OfferJobModal({ opened, onClose, organizations, serviceTypes, onOffered }: OfferJobModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Offer a job" size="lg" centered>
      {/* Mounted only while open, so every offer starts from an empty form. */}
      {opened && (
        <OfferJobForm
          onClose={onClose}
          organizations={organizations}
          serviceTypes={serviceTypes}
          onOffered={onOffered}
        />
      )}
    </Modal>
  );
}

function OfferJobForm({ onClose, organizations, serviceTypes, onOffered }: Omit<OfferJobModalProps, 'opened'>) {
  const { client } = useConsole();
  const [values, setValues] = useState<OfferFormValues>(EMPTY_OFFER);
  const [errors, setErrors] = useState<OfferFormErrors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const providers = organizations
    .filter((organization) => organization.kind === 'provider')
    .map((organization) => ({ value: organization.id, label: organization.name }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const field = (name: keyof OfferFormValues) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });
  const set = (name: keyof OfferFormValues) => (value: string | null) => {
    setValues((current) => ({ ...current, [name]: value ?? '' }));
    if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateOffer(values);
    setErrors(found);
    if (Object.keys(found).length) {
      // Take the user to the first field that needs fixing once the errors have rendered.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const { jobId, entry } = await client.commands.offerJob(toOfferInput(values));
      const provider = providers.find((option) => option.value === values.organizationId)?.label ?? 'the provider';
      const title = values.title.trim();
      notifications.show(
        entry.offline
          ? {
              color: 'gray',
              title: 'Offer saved on this computer',
              message: `"${title}" will be sent to ${provider} when the connection returns.`,
            }
          : { color: 'green', title: 'Job offered', message: `"${title}" was offered to ${provider}.` },
      );
      onOffered(jobId);
      onClose();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'The job was not offered',
        message:
          error instanceof CommandRejected ? error.message : 'Something went wrong while saving the offer. Try again.',
        autoClose: 10_000,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate ref={form}>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Provider"
            placeholder={providers.length ? 'Choose a service provider' : 'No providers in your network yet'}
            data={providers}
            value={values.organizationId || null}
            onChange={set('organizationId')}
            error={errors.organizationId}
            required
            searchable
            data-autofocus
            openOnFocus={false}
            nothingFoundMessage="No provider by that name"
          />
          <Autocomplete
            label="Service type"
            placeholder="e.g. hvac"
            data={[...serviceTypes]}
            maxLength={60}
            value={values.serviceType}
            onChange={set('serviceType')}
          />
        </SimpleGrid>
        <TextInput label="Title" placeholder="e.g. AC not cooling" maxLength={200} required {...field('title')} />
        <Textarea
          label="Description"
          placeholder="What the customer reported, model and serial numbers, access notes"
          autosize
          minRows={2}
          maxRows={4}
          {...field('description')}
        />

        <Divider label="Customer" labelPosition="left" mt={4} />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          <TextInput label="First name" required maxLength={200} autoComplete="off" {...field('firstName')} />
          <TextInput label="Last name" maxLength={200} autoComplete="off" {...field('lastName')} />
          <TextInput
            label="Mobile phone"
            placeholder="(512) 555-0100"
            type="tel"
            autoComplete="off"
            {...field('phone')}
          />
          <TextInput
            label="Email"
            placeholder="name@example.com"
            type="email"
            maxLength={200}
            autoComplete="off"
            {...field('email')}
          />
        </SimpleGrid>

        <Divider label="Service address" labelPosition="left" mt={4} />
        <TextInput label="Street" required maxLength={200} autoComplete="off" {...field('street')} />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput label="City" required maxLength={200} autoComplete="off" {...field('city')} />
          <TextInput label="State" placeholder="TX" maxLength={2} autoComplete="off" {...field('state')} />
          <TextInput label="Postal code" maxLength={20} autoComplete="off" {...field('postalCode')} />
        </SimpleGrid>

        <Group justify="space-between" mt="sm" wrap="nowrap">
          <Text size="xs" c="dimmed">
            The customer's mobile gets the technician's arrival time by text. You can withdraw the offer until the
            provider answers.
          </Text>
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Offer job
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
