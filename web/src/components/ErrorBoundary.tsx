// A view that fails while drawing shows what happened and a way back, instead of a blank
// page; the rest of the application keeps working.
import { Component, type ReactNode } from "react";

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error">
        <p><strong>Trang này gặp lỗi khi hiển thị.</strong> (This page failed to display.)</p>
        <p className="small">{this.state.error.message}</p>
        <p><a href="/">Về trang tổng quan (back to the dashboard)</a></p>
      </div>
    );
  }
}
