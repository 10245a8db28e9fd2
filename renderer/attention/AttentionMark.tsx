import type { CSSProperties } from 'react';
import { useAttentionMarks, type AttentionMarkItem } from './context';
import { MaskIcon } from '../kit/MaskIcon';
import { ATTENTION_COLOR, ATTENTION_LOOK } from './kinds';

interface Props {
  jobId: string;
  /** A block marks its own visit's items; a card or a list row all of its job's. */
  appointmentId?: string;
  /** `icon` where room is short (a block): the word is its accessible name and tooltip. `label`: icon and word. */
  variant: 'icon' | 'label';
  size?: number;
  /** Of the marks' wrapper (drawn only when there is a mark): e.g. a card's own line. */
  style?: CSSProperties;
}

const MARK_STYLE: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: 3,
  color: ATTENTION_COLOR,
  fontSize: 'var(--mantine-font-size-xs)',
  fontWeight: 600,
  whiteSpace: 'nowrap',
};

/** The marks' words, once per kind ("Late start"), for the accessible name of what carries them as icons. */
export function attentionWords(marks: readonly AttentionMarkItem[]): string[] {
  return [...new Set(marks.map((mark) => ATTENTION_LOOK[mark.kind].label))];
}

/**
 * The attention panel's mark on a block, a queue card or a jobs-list row: an icon per kind with its word
 * (shown, or as the accessible name on a block), the reason on hover. Nothing when nothing needs attention.
 */
export function AttentionMark({ jobId, appointmentId, variant, size = 13, style }: Props) {
  const marks = useAttentionMarks(jobId, appointmentId);
  if (!marks.length) return null;
  // One mark per kind: a job with two late visits reads "Late start" once (the panel lists both).
  const kinds = marks.filter((mark, index) => marks.findIndex((other) => other.kind === mark.kind) === index);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: variant === 'label' ? 10 : 2, ...style }}>
      {kinds.map(({ kind, why }) => {
        const { label, icon } = ATTENTION_LOOK[kind];
        return (
          <span
            key={kind}
            role="img"
            aria-label={`${label}: ${why}`}
            title={`${label}: ${why}`}
            data-attention-mark={kind}
            style={MARK_STYLE}
          >
            <MaskIcon icon={icon} size={size} />
            {variant === 'label' && <span aria-hidden>{label}</span>}
          </span>
        );
      })}
    </span>
  );
}
