import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { explainError, type AppError } from '../../src-main/contract';

/**
 * An error from the main process, in words: what failed (`title`) and the catalogue's title for its code, the
 * message (what happened this time), its detail when there is one, then the catalogue's plain explanation and what
 * to do next: the same text the command lines print for the same code.
 */
export function ErrorBar({ error, title, intent = 'error' }: { error: AppError; title: string; intent?: 'error' | 'warning' }) {
  const explained = explainError(error.code);
  return (
    <MessageBar intent={intent} layout="multiline" data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>
          {title}: {explained.title}
        </MessageBarTitle>
        <span data-part="message">
          {error.message}
          {error.detail !== undefined && !error.message.includes(error.detail) && ` (${error.detail})`}
        </span>
        <br />
        <span data-part="explanation">{explained.explanation}</span>{' '}
        <span data-part="next-step">What to do: {explained.nextStep}</span>
      </MessageBarBody>
    </MessageBar>
  );
}
