import { render } from 'preact';
import { App } from './App.tsx';

document.documentElement.lang = navigator.language;
render(<App />, document.getElementById('app')!);
