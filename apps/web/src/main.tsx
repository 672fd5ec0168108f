import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PipelinesPage } from './pages/PipelinesPage';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <div className="app">
      <nav className="topbar">
        <a href="/" className="brand">
          Duto
        </a>
      </nav>
      <PipelinesPage />
    </div>
  </StrictMode>,
);
