import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8640', ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The designer's chunk (React Flow, the validator with Ajv and JSONata) is about 570 kB,
    // loaded only on the designer route and prefetched when the browser is idle.
    chunkSizeWarningLimit: 700,
  },
});
