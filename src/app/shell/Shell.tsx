import { Outlet } from 'react-router';
import { TopBar } from './TopBar';
import './shell.css';

/** The frame of every page: the top bar and the routed content below it. */
export function Shell() {
  return (
    <div className="shell">
      <TopBar />
      <main className="shell-main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
