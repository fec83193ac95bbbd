/** Small line icons for the sidebar, drawn inline so the console needs no icon font. */
const PATHS: Record<string, string> = {
  dashboard: 'M3 13h7V3H3v10zm0 8h7v-6H3v6zm11 0h7V11h-7v10zm0-18v6h7V3h-7z',
  calls: 'M4 6h16M4 12h16M4 18h10',
  numbers: 'M5 9h14M5 15h14M10 3 8 21M16 3l-2 18',
  scenarios: 'M4 5h6v6H4zM14 13h6v6h-6zM10 8h4a2 2 0 0 1 2 2v3',
  lines: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  agents: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0',
  schedule: 'M4 5h16v15H4zM4 10h16M9 3v4M15 3v4',
  inbound: 'M20 4 10 14M10 6v8h8',
  ai: 'M12 3v3M12 18v3M3 12h3M18 12h3M7 7h10v10H7z',
  billing: 'M3 7h18v12H3zM3 11h18M7 15h3',
  keys: 'M14 10a4 4 0 1 0-3.5 4l-1.5 1.5V18h-2v2H4v-3l6.5-6.5',
  users: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6 9a6 6 0 0 1 12 0M16 4a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 3 6',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.3-1.3L17 5l-3-1-1 2h-2L10 4 7 5l.3 2L6 8.3 4 8l-1 3 2 1v0l-2 1 1 3 2-.3L7.3 17 7 19l3 1 1-2h2l1 2 3-1-.3-2 1.3-1.3 2 .3 1-3z',
  audit: 'M6 3h9l4 4v14H6zM9 11h7M9 15h7M9 7h3',
  companies: 'M4 21V5l8-2v18M12 9h8v12M7 8h2M7 12h2M7 16h2M15 13h2M15 17h2',
  wizard: 'M5 19 19 5M15 5h4v4M5 12v7h7',
  backups: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  callbacks: 'M12 7v5l3 2M4 12a8 8 0 1 0 2.3-5.7M4 4v3h3',
  dnc: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8',
  rules: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
};

export function NavIcon({ name }: { name: string }) {
  return (
    <svg
      className="nav-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name] ?? PATHS.dashboard} />
    </svg>
  );
}
