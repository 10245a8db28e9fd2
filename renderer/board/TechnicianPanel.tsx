import { Alert, Button, Checkbox, Divider, Drawer, Group, Stack, TagsInput, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { SERVICE_TYPES, skillKey, type Availability, type User } from '../../domain';
import { personName } from '../kit/labels';
import { TimeOffEditor, WeeklyHoursEditor } from './HoursEditor';
import { availabilityOf, formOf, skillsOf, weekProblem, type TechnicianForm } from './technicianForm';
import { closeTechnicianPanel, useOpenTechnicianPanel } from './technicianPanelStore';

/** What saving the panel asks for: only what changed is sent. */
export interface TechnicianChanges {
  availability?: Availability;
  skills?: string[];
}

interface Props {
  technicians: readonly User[];
  zone: string;
  /** Queues the commands; true once they are in the outbox (optimistic), false when refused (already shown). */
  onSave: (technician: User, changes: TechnicianChanges) => Promise<boolean>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A technician's panel, opened from the lane's name: weekly hours, time off and skills (service types and
 * free tags). Saving runs `user.setAvailability` and `user.update` for what changed.
 */
export function TechnicianPanel({ technicians, zone, onSave }: Props) {
  const openId = useOpenTechnicianPanel();
  const technician = technicians.find((candidate) => candidate.id === openId);
  const [form, setForm] = useState<TechnicianForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // A fresh form per technician opened; an edit arriving meanwhile does not overwrite what is being typed.
  useEffect(() => {
    setForm(technician ? formOf(technician) : null);
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openId, technician !== undefined]);

  // Tags other technicians carry, offered as suggestions.
  const knownTags = useMemo(() => {
    const types = new Set(SERVICE_TYPES.map((type) => type.id));
    const tags = new Map<string, string>();
    for (const other of technicians)
      for (const skill of other.skills ?? []) if (!types.has(skillKey(skill))) tags.set(skillKey(skill), skill);
    return [...tags.values()].sort((a, b) => a.localeCompare(b));
  }, [technicians]);

  const change = (next: Partial<TechnicianForm>) => setForm((current) => (current ? { ...current, ...next } : current));

  const save = async () => {
    if (!technician || !form) return;
    const problem = weekProblem(form);
    if (problem) return setError(problem);
    const before = formOf(technician);
    const changes: TechnicianChanges = {};
    const availability = availabilityOf(form);
    if (!sameJson(availabilityOf(before), availability)) changes.availability = availability;
    const skills = skillsOf(form);
    if (!sameJson(skillsOf(before), skills)) changes.skills = skills;
    setSaving(true);
    setError(null);
    try {
      // A refusal is shown by onSave; the panel stays open with what was typed.
      if (!(changes.availability || changes.skills) || (await onSave(technician, changes))) closeTechnicianPanel();
    } finally {
      setSaving(false);
    }
  };

  const name = technician ? personName(technician) : '';
  return (
    <Drawer
      opened={!!technician && !!form}
      onClose={closeTechnicianPanel}
      position="right"
      size={460}
      title={<Text fw={600}>{name}: hours and skills</Text>}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {technician && form && (
        <Stack gap="md" data-technician-panel={technician.id}>
          <WeeklyHoursEditor form={form} onChange={change} />
          <Divider />
          <TimeOffEditor form={form} zone={zone} onChange={change} />
          <Divider />
          <Checkbox.Group
            label="Service types"
            value={form.serviceTypes}
            onChange={(serviceTypes) => change({ serviceTypes })}
          >
            <Group gap="sm" mt={4}>
              {SERVICE_TYPES.map((type) => (
                <Checkbox key={type.id} value={type.id} label={type.label} />
              ))}
            </Group>
          </Checkbox.Group>
          <TagsInput
            label="Tags"
            description="Certifications and specialties, such as EPA 608"
            placeholder="Type a tag, then Enter"
            data={knownTags}
            value={form.tags}
            onChange={(tags) => change({ tags })}
            maxTags={30}
            clearable
          />
          {error && (
            <Alert color="red" role="alert" title="Not saved">
              {error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={closeTechnicianPanel}>
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}
