import { render } from 'preact';
import '@/components/extension-page.css';
import './options.css';
import { t } from '@/utils/i18n';
import { App } from './App';

document.title = t('optionsTitle');

render(<App />, document.getElementById('app') as HTMLElement);
