import { LoginForm } from './LoginForm';
import { useSessionStore } from './session-store';

/** The page a browser without a session sees; the session gate then takes the user where they were going. */
export function LoginPage() {
  const signIn = useSessionStore((s) => s.signIn);
  return (
    <main className="login-page">
      <div className="login-card">
        <p className="brand login-brand">Duto</p>
        <h1>Log in</h1>
        <LoginForm onLogin={signIn} />
        <p className="muted small">
          On a first start the user is <code>admin</code>, with the password set in <code>DUTO_ADMIN_PASSWORD</code> or the one printed once on the server's
          console.
        </p>
      </div>
    </main>
  );
}
