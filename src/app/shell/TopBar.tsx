import { NavLink } from 'react-router';
import { TraceIdBox } from './TraceIdBox';
import { SourcePicker } from './SourcePicker';
import { useSourceLink } from '../data/useSources';
import { ThemeToggle } from './ThemeToggle';
import { OpenFileButton } from '../files/OpenFileButton';

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/search', label: 'Search', end: false },
  { to: '/map', label: 'Service map', end: false },
  { to: '/compare', label: 'Compare', end: false },
] as const;

export function TopBar() {
  const link = useSourceLink();
  return (
    <header className="topbar">
      <NavLink to="/" className="brand" aria-label="Tracescope home">
        <img src="/favicon.svg" alt="" width={18} height={18} />
        <span>Tracescope</span>
      </NavLink>
      <nav aria-label="Main" className="topnav">
        {NAV.map((item) => (
          <NavLink key={item.to} to={link(item.to)} end={item.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
            {item.label}
          </NavLink>
        ))}
      </nav>
      <SourcePicker />
      <TraceIdBox />
      <OpenFileButton />
      <ThemeToggle />
    </header>
  );
}
