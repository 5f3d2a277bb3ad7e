import { render } from 'preact';
import { DashboardApp } from '@/components/dashboard/DashboardApp';

render(<DashboardApp />, document.getElementById('app')!);
