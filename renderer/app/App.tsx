import { MantineProvider, Title } from '@mantine/core';
export function App() {
  return (
    <MantineProvider>
      <Title>Branchline</Title>
    </MantineProvider>
  );
}
