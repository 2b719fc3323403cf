#pragma once
// Errors as values: every fallible call below app/ returns Result<T>. Any thread.

#include <QMetaType>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace rw {

enum class ErrorCode {
    InvalidArgument,
    NotFound,
    AlreadyExists,
    NotAWorkspace,
    Corrupt,
    Truncated,
    ReadOnly,
    NewerSchema,
    Io,
    Parse,
    OutOfRange,
    Cancelled,
    Unreachable,          // no broker answered
    AuthenticationFailed, // wrong credentials or mechanism
    NotAuthorized,        // logged in, but the cluster's ACLs deny this user the operation
    Timeout,
    Refused, // a safety rule said no (read-only profile, non-sandbox target, live group)
    Internal,
    Busy, // another process holds a lock for longer than we wait (a workspace being written)
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_v); }
    const T& value() const& { return std::get<T>(m_v); }
    // By value: `for (auto& x : f().value())` must not dangle when f() returns a temporary.
    T value() && { return std::get<T>(std::move(m_v)); }
    T* operator->() { return &std::get<T>(m_v); }
    const T* operator->() const { return &std::get<T>(m_v); }
    T& operator*() & { return std::get<T>(m_v); }

    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace rw

Q_DECLARE_METATYPE(rw::Error)
