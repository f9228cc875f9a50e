/** Copying a secret shown once (an API key) to the clipboard, and what to tell the user. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/ui.ts';

export function useCopy() {
  const [said, setSaid] = useState<string | null>(null);

  /** Copies `text`; without a clipboard, selects the element `targetId` so the user can copy it. */
  const copy = async (text: string, targetId: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('copied'));
    } catch {
      // Permission refused or no clipboard API: Ctrl+C or a long press copies the selection.
      const target = document.getElementById(targetId);
      if (target) getSelection()?.selectAllChildren(target);
      setSaid(t('copyYourself'));
    }
  };
  return { copy, said, forget: () => setSaid(null) };
}
