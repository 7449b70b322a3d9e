import { useId, useState } from 'preact/hooks';

export interface AddEntryFormProps {
  label: string;
  placeholder: string;
  addLabel: string;
  testId: string;
  /** Adds the typed text; resolves with an error message to show, or null when it was added (the field clears). */
  onAdd: (text: string) => Promise<string | null>;
}

/** A one-line "add an entry" form with its error message, for the options page's lists of domains and sites. */
export function AddEntryForm({ label, placeholder, addLabel, testId, onAdd }: AddEntryFormProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function submit(event: Event) {
    event.preventDefault();
    setError(null);
    void onAdd(text).then((problem) => (problem === null ? setText('') : setError(problem)));
  }

  return (
    <>
      <form class="opt-inline-form" onSubmit={submit} noValidate>
        <label for={inputId}>{label}</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          placeholder={placeholder}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid={testId}
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {addLabel}
        </button>
      </form>
      {error && (
        <p id={errorId} class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
