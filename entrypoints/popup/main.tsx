import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import { createPopupDeps } from './deps';
import '@/lib/fonts/khmer.css';
import './style.css';

render(<PopupApp deps={createPopupDeps()} />, document.getElementById('app')!);
