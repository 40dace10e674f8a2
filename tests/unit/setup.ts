// WXT's fake browser leaves i18n unmocked: answer getMessage from the English messages, so
// components render the text readers see.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessages, formatMessage } from './messages';

fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) =>
  formatMessage(englishMessages, name, substitutions);
