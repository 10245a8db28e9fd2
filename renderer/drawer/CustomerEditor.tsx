import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Customer, Location, PhoneNumber } from '../../domain';
import type { CustomerChanges } from '../data/commands';
import { phoneUri } from '../jobs/newJobForm';
import { useConsole } from '../kit/SyncProvider';
import { displayPhone } from './format';
import { runCommand } from './runCommand';

type PhoneType = NonNullable<PhoneNumber['type']>;

/** The form as typed: the primary phone is edited here; any other numbers on file are kept as they are. */
interface Values {
  firstName: string;
  lastName: string;
  companyName: string;
  phone: string;
  phoneType: PhoneType;
  email: string;
  street: string;
  street2: string;
  city: string;
  state: string;
  postalCode: string;
  notes: string;
}

type Errors = Partial<Record<keyof Values, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function valuesOf(customer: Customer): Values {
  const primary = customer.phoneNumbers.find((phone) => phone.primary) ?? customer.phoneNumbers[0];
  const home = customer.homeAddress;
  return {
    firstName: customer.firstName,
    lastName: customer.lastName ?? '',
    companyName: customer.companyName ?? '',
    phone: primary ? displayPhone(primary.number) : '',
    phoneType: primary?.type ?? 'mobile',
    email: customer.email ?? '',
    street: home?.street1 ?? '',
    street2: home?.street2 ?? '',
    city: home?.city ?? '',
    state: home?.state ?? '',
    postalCode: home?.postalCode ?? '',
    notes: customer.notes ?? '',
  };
}

/** Inline errors, each naming what to type; an empty form field that was empty before is fine. */
export function validateCustomer(values: Values): Errors {
  const errors: Errors = {};
  if (!values.firstName.trim() && !values.companyName.trim())
    errors.firstName = "Enter the customer's first name, or a company name.";
  if (values.phone.trim() && !phoneUri(values.phone))
    errors.phone = 'Not a phone number: enter 10 digits, e.g. (512) 555-0100, or +44 20 7946 0958.';
  if (values.email.trim() && !EMAIL.test(values.email.trim()))
    errors.email = 'Not an email address: enter one like name@example.com.';
  const anyAddress = [values.street, values.street2, values.city, values.state, values.postalCode].some((v) =>
    v.trim(),
  );
  if (anyAddress && !values.street.trim()) errors.street = 'Enter the street address.';
  if (anyAddress && !values.city.trim()) errors.city = 'Enter the city.';
  if (values.state.trim() && !/^[A-Za-z]{2}$/.test(values.state.trim())) errors.state = 'Two letters, e.g. TX.';
  return errors;
}

/** What changed, as `customer.update` takes it (call `validateCustomer` first). */
export function customerChanges(customer: Customer, values: Values): CustomerChanges {
  const before = valuesOf(customer);
  const changes: CustomerChanges = {};
  const changed = (...keys: (keyof Values)[]) => keys.some((key) => values[key].trim() !== before[key].trim());
  if (changed('firstName')) changes.firstName = values.firstName.trim();
  if (changed('lastName')) changes.lastName = values.lastName.trim();
  if (changed('companyName')) changes.companyName = values.companyName.trim();
  if (changed('email')) changes.email = values.email.trim() || null;
  if (changed('notes')) changes.notes = values.notes.trim();
  if (changed('phone', 'phoneType')) {
    const others = customer.phoneNumbers.filter((phone) => !phone.primary).map((phone) => ({ ...phone }));
    const number = values.phone.trim() ? phoneUri(values.phone) : null;
    changes.phoneNumbers = number
      ? [{ number, primary: true, type: values.phoneType }, ...others.filter((phone) => phone.number !== number)]
      : others.map((phone, index) => ({ ...phone, primary: index === 0 }));
  }
  if (changed('street', 'street2', 'city', 'state', 'postalCode') && values.street.trim()) {
    const address: Location = {
      street1: values.street.trim(),
      city: values.city.trim(),
      ...(values.street2.trim() ? { street2: values.street2.trim() } : {}),
      ...(values.state.trim() ? { state: values.state.trim().toUpperCase() } : {}),
      ...(values.postalCode.trim() ? { postalCode: values.postalCode.trim() } : {}),
      ...(customer.homeAddress?.timezone ? { timezone: customer.homeAddress.timezone } : {}),
    };
    changes.homeAddress = address;
  }
  return changes;
}

/** "Edit customer" in the drawer's customer section: name, primary phone, email, home address, notes. */
export function CustomerEditor({ customer }: { customer: Customer }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPencil size={12} />}
        onClick={() => setOpened(true)}
        data-action="edit-customer"
        style={{ alignSelf: 'flex-start' }}
      >
        Edit customer
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Edit customer" size="lg" centered>
        {opened && <CustomerForm customer={customer} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function CustomerForm({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { client } = useConsole();
  // Starts from the customer as seen when opening; a live update does not overwrite typing.
  const [values, setValues] = useState<Values>(() => valuesOf(customer));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = (name: keyof Values) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateCustomer(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = customerChanges(customer, values);
    if (!Object.keys(changes).length) return onClose();
    setBusy(true);
    const done = await runCommand(() => client.commands.updateCustomer(customer.id, changes));
    setBusy(false);
    if (done) onClose();
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={3}>
          <TextInput label="First name" {...field('firstName')} />
          <TextInput label="Last name" {...field('lastName')} />
          <TextInput label="Company" {...field('companyName')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="Phone" {...field('phone')} />
          <Select
            label="Phone type"
            data={[
              { value: 'mobile', label: 'Mobile' },
              { value: 'home', label: 'Home' },
              { value: 'work', label: 'Work' },
              { value: 'other', label: 'Other' },
            ]}
            value={values.phoneType}
            onChange={(value) => setValues((current) => ({ ...current, phoneType: (value as PhoneType) ?? 'mobile' }))}
          />
          <TextInput label="Email" {...field('email')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Street" {...field('street')} />
          <TextInput label="Apartment, suite" {...field('street2')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="City" {...field('city')} />
          <TextInput label="State" {...field('state')} />
          <TextInput label="Postal code" {...field('postalCode')} />
        </SimpleGrid>
        <Textarea label="Customer notes" autosize minRows={2} {...field('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save customer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
