/** A choice of how a code is sent (text message, voice call, e-mail), as labelled radio buttons. */
import { t } from '../i18n/en/core.ts';
import type { Channel } from './otp.ts';

interface ChannelChoiceProps {
  /** The radio group's name (unique on the screen). */
  name: string;
  legend: string;
  channels: Channel[];
  value: Channel;
  onChange: (channel: Channel) => void;
  /** Channels shown but not available, with why. */
  unavailable?: Partial<Record<Channel, string>>;
}

export function ChannelChoice(props: ChannelChoiceProps) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.channels.map((channel) => {
        const why = props.unavailable?.[channel];
        return (
          <label class="choice" key={channel}>
            <input
              type="radio"
              name={props.name}
              value={channel}
              checked={props.value === channel}
              disabled={why !== undefined}
              onChange={() => props.onChange(channel)}
            />
            {t(channel)}
            {why && <span class="meta"> ({why})</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
