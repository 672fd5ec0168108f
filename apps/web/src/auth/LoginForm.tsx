import { useRef, useState, type FormEvent } from 'react';
import { loginProblem } from './login-problem';

interface LoginFormProps {
  /** Logs in; a rejection is shown on the form. */
  onLogin: (username: string, password: string) => Promise<void>;
}

export function LoginForm({ onLogin }: LoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await onLogin(username.trim(), password);
    } catch (error) {
      setProblem(loginProblem(error));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  };

  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} aria-label="Log in" data-testid="login-form">
      <label className="form-field">
        <span className="form-label">Username</span>
        <input className="input" name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="form-field">
        <span className="form-label">Password</span>
        <input
          ref={passwordInput}
          className="input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {problem && (
        <p className="inline-problem" role="alert" data-testid="login-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="btn btn-primary login-submit" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
