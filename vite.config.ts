import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The single-page app lives in web/; the API server (npm start) serves web/dist.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
