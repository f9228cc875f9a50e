/**
 * The account's language, in Security: saved on the account (`PUT /api/me/language`),
 * so the bank's messages follow it too, and the app switches at once. The label is in both
 * languages, so whoever reads only one of them finds it; each language names itself.
 */
import { useState } from 'preact/hooks';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { adoptLanguage, type Language, language } from '../i18n/index.ts';
import { Alert, Status } from '../ui/Alert.tsx';

const names: Record<Language, string> = { en: 'English', fr: 'Français' };

export function LanguageChoice({ onChange }: { onChange?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const choose = async (next: Language) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const { account } = await unwrap(client.api.me.language.$put({ json: { language: next } }));
      await adoptLanguage(account.language);
      setSaved(true);
      onChange?.();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card">
      <h2>
        <label for="language">{t('language')}</label>
      </h2>
      <p class="hint" id="language-hint">
        {t('languageHint')}
      </p>
      <select
        id="language"
        aria-describedby="language-hint"
        value={language()}
        disabled={busy}
        onChange={(e) => void choose((e.target as HTMLSelectElement).value as Language)}
      >
        {(Object.keys(names) as Language[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {names[code]}
          </option>
        ))}
      </select>
      <Alert message={error} />
      <Status message={saved ? t('languageSaved') : null} />
    </section>
  );
}
