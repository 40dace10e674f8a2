import type { CustomPack } from '@/utils/pack-store';
import { t } from '@/utils/i18n';
import { Switch } from './Switch';

export interface PackListProps {
  packs: readonly CustomPack[];
  onToggle: (id: string, enabled: boolean) => void;
  onExport: (id: string) => void;
  onDelete: (id: string) => void;
}

/** The imported custom packs, each with on/off, export and delete. */
export function PackList({ packs, onToggle, onExport, onDelete }: PackListProps) {
  if (packs.length === 0) return <p class="muted">{t('packListEmpty')}</p>;
  return (
    <ul class="pack-list">
      {packs.map((pack) => (
        <li key={pack.id} class="pack-item">
          <Switch
            label={pack.name}
            description={t(pack.entries.length === 1 ? 'packTermCountOne' : 'packTermCountOther', pack.entries.length)}
            checked={pack.enabled}
            onChange={(enabled) => onToggle(pack.id, enabled)}
          />
          <span class="button-row">
            <button type="button" onClick={() => onExport(pack.id)}>
              {t('packExport')}
            </button>
            <button type="button" onClick={() => onDelete(pack.id)} aria-label={t('packDeleteLabel', pack.name)}>
              {t('packDelete')}
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
