import { render } from 'preact';
import '@/components/extension-page.css';
import './popup.css';
import { t } from '@/utils/i18n';
import { App } from './App';

document.title = t('extName');

render(<App />, document.getElementById('app') as HTMLElement);
