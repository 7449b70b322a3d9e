import { render } from 'preact';
import { uiLocale } from '../../lib/i18n.ts';
import { App } from './App.tsx';
import { createPageStore } from './page-store.ts';
import './options.css';

document.documentElement.lang = uiLocale();
render(<App store={createPageStore()} />, document.getElementById('app')!);
