import { AppShell, Burger, Center, Group, Loader, NavLink, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useSession } from "./session";
import { visibleNav } from "./nav";
import type { NavItem } from "./nav";
import { UserMenu } from "./UserMenu";
import { ColorSchemeToggle } from "./ColorSchemeToggle";
import { NotificationBell } from "../features/notifications/components/NotificationBell";

function isActive(pathname: string, path: string): boolean {
  return path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(`${path}/`);
}

function NavEntry({
  item,
  pathname,
  onNavigate,
}: {
  item: NavItem;
  pathname: string;
  onNavigate: () => void;
}) {
  if (item.children) {
    return (
      <NavLink label={item.label} defaultOpened active={false} childrenOffset="md">
        {item.children.map((child) => (
          <NavEntry key={child.path} item={child} pathname={pathname} onNavigate={onNavigate} />
        ))}
      </NavLink>
    );
  }
  return (
    <NavLink
      component={Link}
      to={item.path}
      label={item.label}
      active={isActive(pathname, item.path)}
      onClick={onNavigate}
      rightSection={
        item.planned ? (
          <Text size="xs" c="dimmed">
            planned
          </Text>
        ) : undefined
      }
    />
  );
}

export function AppLayout() {
  const session = useSession();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const items = visibleNav(session.can);
  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text component={Link} to="/" fw={700} size="lg">
              infrasec
            </Text>
          </Group>
          <Group gap="xs">
            <NotificationBell />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea type="auto">
          <div>
            {items.map((item) => (
              <NavEntry key={item.path} item={item} pathname={pathname} onNavigate={close} />
            ))}
          </div>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label="Loading page" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
