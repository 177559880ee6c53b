// The status bar item's text and tooltip for each state of the server. Pure.

export type ServerState = 'idle' | 'starting' | 'running' | 'stopped' | 'not-found' | 'checking';

export interface StatusView {
  text: string;
  tooltip: string;
}

export function statusView(state: ServerState, findings: number): StatusView {
  const count = findings === 1 ? '1 finding' : `${findings} findings`;
  switch (state) {
    case 'idle':
      return findings === 0
        ? { text: '$(circle-outline) copydesk', tooltip: 'copydesk: the server starts with the first text or Markdown file' }
        : { text: `$(warning) copydesk ${findings}`, tooltip: `copydesk: ${count} from the workspace check. Click to see them.` };
    case 'starting':
      return { text: '$(loading~spin) copydesk', tooltip: 'copydesk: starting the server' };
    case 'checking':
      return { text: '$(loading~spin) copydesk', tooltip: 'copydesk: checking the workspace' };
    case 'running':
      return findings === 0
        ? { text: '$(check) copydesk', tooltip: 'copydesk: running, no findings' }
        : { text: `$(warning) copydesk ${findings}`, tooltip: `copydesk: running, ${count}. Click to see them.` };
    case 'stopped':
      return { text: '$(circle-slash) copydesk', tooltip: 'copydesk: the server has stopped. Click to restart it.' };
    case 'not-found':
      return { text: '$(error) copydesk', tooltip: 'copydesk: the copydesk program was not found. Click for help.' };
  }
}
