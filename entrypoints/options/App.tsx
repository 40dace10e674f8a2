import { DetailLevelPicker } from '@/components/DetailLevelPicker';
import { detailLevelSetting } from '@/utils/settings';
import { useSetting } from '@/utils/use-setting';

/** Options page: every setting of Factlens, saved as the reader changes it. */
export function App() {
  const [detailLevel, setDetailLevel] = useSetting(detailLevelSetting);
  return (
    <main>
      <h1>Factlens settings</h1>
      {detailLevel === undefined ? null : <DetailLevelPicker value={detailLevel} onChange={setDetailLevel} />}
      <p class="muted">Changes apply at once to cards on open pages.</p>
    </main>
  );
}
