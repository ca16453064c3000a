import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { AppError } from '../../src-main/contract';

/** An error from the main process, in words: its message, and its detail when there is one. */
export function ErrorBar({ error, title, intent = 'error' }: { error: AppError; title: string; intent?: 'error' | 'warning' }) {
  return (
    <MessageBar intent={intent} layout="multiline" data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {error.detail !== undefined && ` (${error.detail})`}
      </MessageBarBody>
    </MessageBar>
  );
}
