import { ActionIcon, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Customer } from '../../domain';
import type { FormErrors } from '../kit/jobDetails';
import { customerOption, searchCustomers, type CustomerOption } from './customerSearch';
import { MAX_PHONES, type NewJobValues, type PhoneRow, type PhoneType } from './newJobForm';

const PHONE_TYPES: { value: PhoneType; label: string }[] = [
  { value: 'mobile', label: 'Mobile' },
  { value: 'home', label: 'Home' },
  { value: 'work', label: 'Work' },
  { value: 'other', label: 'Other' },
];

/** Every zone the runtime knows, for the service address (a job's site may be in another zone than the office). */
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

interface Props {
  values: NewJobValues;
  errors: FormErrors;
  customers: readonly Customer[];
  onChange: (change: Partial<NewJobValues>, clearedErrors: string[]) => void;
  onPick: (customer: Customer | null) => void;
}

/** Who the job is for: an existing customer found as you type, or a new one; and where the work is. */
export function CustomerFields({ values, errors, customers, onChange, onPick }: Props) {
  const options = useMemo(() => customers.map(customerOption), [customers]);
  const byId = useMemo(() => new Map(options.map((option) => [option.customer.id, option])), [options]);
  const picked = values.customerId ? byId.get(values.customerId) : undefined;
  const text = (name: keyof NewJobValues) => ({
    value: values[name] as string,
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      // A first name or a company name answers the same error.
      onChange({ [name]: event.currentTarget.value } as Partial<NewJobValues>, [
        name === 'companyName' ? 'firstName' : name,
      ]),
  });
  const setPhone = (index: number, change: Partial<PhoneRow>) =>
    onChange({ phones: values.phones.map((phone, at) => (at === index ? { ...phone, ...change } : phone)) }, [
      `phones.${index}.number`,
    ]);

  return (
    <Stack gap="sm">
      <Select
        label="Find customer"
        placeholder="Name, phone, email or address"
        leftSection={<IconSearch size={14} />}
        data={options.map((option) => ({ value: option.customer.id, label: option.name }))}
        value={values.customerId}
        onChange={(id) => onPick(id ? (byId.get(id)?.customer ?? null) : null)}
        filter={({ search }) =>
          searchCustomers(options, search, 20).map((option) => ({ value: option.customer.id, label: option.name }))
        }
        renderOption={({ option }) => <CustomerLine option={byId.get(option.value)} />}
        searchable
        clearable
        nothingFoundMessage="No customer matches: enter a new one below"
        // Opened by typing: focused on opening the dialog, an empty list would only say "no customer matches".
        openOnFocus={false}
        data-autofocus
      />
      {picked ? (
        <Paper withBorder p="xs" radius="sm" aria-label="Chosen customer">
          <Group justify="space-between" wrap="nowrap">
            <CustomerLine option={picked} />
            <Button variant="subtle" size="compact-sm" onClick={() => onPick(null)}>
              New customer instead
            </Button>
          </Group>
        </Paper>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            Or a new customer: a person, a company, or both.
          </Text>
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label="First name" maxLength={200} autoComplete="off" {...text('firstName')} />
            <TextInput label="Last name" maxLength={200} autoComplete="off" {...text('lastName')} />
            <TextInput label="Company name" maxLength={200} autoComplete="off" {...text('companyName')} />
          </SimpleGrid>
          {values.phones.map((phone, index) => {
            const name = index === 0 ? 'Phone' : `Phone ${index + 1}`;
            return (
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label={name}
                  type="tel"
                  placeholder="(512) 555-0100"
                  autoComplete="off"
                  value={phone.number}
                  error={errors[`phones.${index}.number`]}
                  onChange={(event) => setPhone(index, { number: event.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <Select
                  label={`${name} type`}
                  data={PHONE_TYPES}
                  value={phone.type}
                  onChange={(type) => type && setPhone(index, { type: type as PhoneType })}
                  w={120}
                />
                {index > 0 && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={28}
                    aria-label={`Remove ${name.toLowerCase()}`}
                    onClick={() => onChange({ phones: values.phones.filter((_, at) => at !== index) }, ['phones'])}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            );
          })}
          {values.phones.length < MAX_PHONES && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => onChange({ phones: [...values.phones, { number: '', type: 'home' }] }, [])}
            >
              Add a phone
            </Button>
          )}
          <TextInput
            label="Email"
            type="email"
            placeholder="name@example.com"
            maxLength={200}
            autoComplete="off"
            {...text('email')}
          />
        </>
      )}
      <Text size="sm" fw={500} mt={4}>
        Service address
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Street" required maxLength={200} autoComplete="off" {...text('street')} />
        <TextInput label="Apartment, suite" maxLength={200} autoComplete="off" {...text('street2')} />
      </SimpleGrid>
      <SimpleGrid cols={4} spacing="sm">
        <TextInput label="City" required maxLength={200} autoComplete="off" {...text('city')} />
        <TextInput label="State" placeholder="TX" maxLength={2} autoComplete="off" {...text('state')} />
        <TextInput label="Postal code" maxLength={20} autoComplete="off" {...text('postalCode')} />
        <Select
          label="Time zone"
          data={TIME_ZONES}
          value={values.timeZone || null}
          onChange={(timeZone) => onChange({ timeZone: timeZone ?? '' }, ['timeZone'])}
          error={errors.timeZone}
          searchable
          limit={50}
          required
        />
      </SimpleGrid>
    </Stack>
  );
}

function CustomerLine({ option }: { option: CustomerOption | undefined }) {
  if (!option) return null;
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="sm" fw={600} truncate>
        {option.name}
        {option.customer.companyName && option.name !== option.customer.companyName && (
          <Text span size="sm" c="dimmed">{` · ${option.customer.companyName}`}</Text>
        )}
      </Text>
      {option.details && (
        <Text size="xs" c="dimmed" truncate>
          {option.details}
        </Text>
      )}
    </Stack>
  );
}
