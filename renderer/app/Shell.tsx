/** The signed-in application: header, sidebar, the routed screen and the command palette. */
import { AppShell } from '@mantine/core';
import { Header } from './Header';
import { Sidebar } from './Sidebar';
import { RouteView } from './RouteView';
import { CommandPalette } from './CommandPalette';

export function Shell() {
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'xs' }} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Navbar>
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main>
        <RouteView />
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  );
}
