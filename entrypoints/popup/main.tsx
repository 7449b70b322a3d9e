import { render } from 'preact';
import { App } from './App.tsx';
import '../sidepanel/sidepanel.css';

document.documentElement.lang = navigator.language;
render(<App />, document.getElementById('app')!);
