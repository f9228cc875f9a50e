/**
 * One call verification as a party watches it: read over HTTP, then live over its socket, which
 * reconnects after a drop (re-reading the call) until the call is final or gone.
 */
import { useEffect, useState } from 'preact/hooks';
import { type CallView, isFinal } from '../../shared/call-view.ts';
import { ApiError, client, messageOf, unwrap } from '../api.ts';
import { useLiveSocket } from './live.ts';

export interface CallWatch {
  /** The call as last seen (null until the first answer). */
  call: CallView | null;
  /** The server no longer knows the call: it finished and was cleared, or never concerned us. */
  ended: boolean;
  /** Why the call could not be read just now (offline, for instance). */
  error: string | null;
  /** A newer view of the call, from an answer to one of our own requests. */
  update: (next: CallView) => void;
  reload: () => Promise<void>;
}

/** Who is calling, as the customer reads it: "Anna K., Fraud team". */
export const agentName = (agent: CallView['agent']) =>
  agent.team ? `${agent.displayName}, ${agent.team}` : agent.displayName;

/** Whichever view is newer (socket messages and HTTP answers can arrive in any order). */
const newer = (prev: CallView | null, next: CallView) => (!prev || next.updatedAt >= prev.updatedAt ? next : prev);

export function useCall(id: string): CallWatch {
  const [call, setCall] = useState<CallView | null>(null);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const update = (next: CallView) => setCall((prev) => newer(prev, next));
  const reload = async () => {
    try {
      const { call: current } = await unwrap(client.api.calls[':id'].$get({ param: { id } }));
      setError(null);
      update(current);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setEnded(true);
      else setError(messageOf(e));
    }
  };
  useEffect(() => {
    setCall(null);
    setEnded(false);
    void reload();
  }, [id]);

  const done = ended || (call !== null && isFinal(call.state));
  const path = done ? null : client.api.calls[':id'].live.$url({ param: { id } }).pathname;
  useLiveSocket(path, {
    onMessage: (message) => {
      if (message.type === 'call' && message.call.id === id) {
        setError(null);
        update(message.call);
      }
    },
    onDrop: () => void reload(),
  });

  return { call, ended, error, update, reload };
}

/** What a screen shows: the call's state, or that it is still loading, or that it ended out of sight. */
export type ShownState = CallView['state'] | 'loading' | 'ended';

export function shownState({ call, ended }: Pick<CallWatch, 'call' | 'ended'>): ShownState {
  if (call && (isFinal(call.state) || !ended)) return call.state;
  return ended ? 'ended' : 'loading';
}
