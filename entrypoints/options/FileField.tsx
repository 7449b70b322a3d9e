import { useId } from 'preact/hooks';
import { formatNumber, t } from '../../lib/i18n.ts';

export interface FileFieldProps {
  label: string;
  hint?: string;
  required?: boolean;
  accept: string;
  file: File | undefined;
  onFile: (file: File | undefined) => void;
  disabled?: boolean;
  testId: string;
}

/** A labelled file input that names whether it is required and shows the chosen file's size. */
export function FileField(props: FileFieldProps) {
  const id = useId();
  const hintId = useId();
  return (
    <div class="opt-field opt-file">
      <label for={id}>
        {props.label} <span class="opt-hint">{props.required ? t('optRequired') : t('optOptional')}</span>
      </label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
        data-testid={props.testId}
      />
      {props.hint && (
        <span id={hintId} class="opt-hint">
          {props.hint}
        </span>
      )}
      {props.file && (
        <span class="opt-hint">{t('optFileSize', formatNumber(Math.max(1, Math.round(props.file.size / 1024))))}</span>
      )}
    </div>
  );
}
