import { render } from 'preact';
import { uiLocale } from '../../lib/i18n.ts';
import { App } from './App.tsx';

document.documentElement.lang = uiLocale();
render(<App search={location.search} />, document.getElementById('app')!);
