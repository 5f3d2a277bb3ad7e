import { render } from 'preact';
import { DashboardApp } from '@/components/dashboard/DashboardApp';
import { createDashboardServices } from './services';
import '@/lib/fonts/khmer.css';
import '@/components/dashboard/dashboard.css';

render(<DashboardApp services={createDashboardServices()} />, document.getElementById('app')!);
