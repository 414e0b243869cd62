/**
 * Renderer entry: loads every module's registrations, opens this installation's registry
 * database and mounts the app. The same bundle runs in Electron and in any Chromium (web mode).
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '../shared/modules';
import './ui-messages';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(<App />);
