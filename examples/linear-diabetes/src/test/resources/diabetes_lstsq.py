#!/usr/bin/python3
"""Independent golden values for LinearDiabetesGoldenTest, from numpy alone.

Rebuilds the example's split and standardization from the CSV (every 5th row, index % 5 == 4,
is validation; means and population standard deviations of the training rows), then
  - ols:   the least-squares weights (np.linalg.lstsq on the standardized training rows, with an
           intercept column) and their validation MSE in the target's units;
  - ridge: the minimizer of (1/2) mean squared error + (weight_decay/2) |w|^2 (the bias not
           decayed), the fixed point of the example's SGD in expectation, and its validation MSE;
  - for each, the spread constant-lr SGD keeps around that optimum: the stationary covariance C of
    (w, b) under minibatches of batch_size rows drawn with replacement, from the exact discrete
    Lyapunov equation C = M C M^T + lr^2 S / batch_size (M = I - lr A, A the objective's Hessian,
    S the per-row gradient covariance at the optimum), and what C makes of the validation MSE:
    its mean shift 1/2 tr(Hv C) and its standard deviation sqrt(g^T C g + 1/2 tr((Hv C)^2)).

Run from the repository's root and commit the output:
  /usr/bin/python3 examples/linear-diabetes/src/test/resources/diabetes_lstsq.py \
      > examples/linear-diabetes/src/test/resources/diabetes_lstsq.properties
"""
import sys

import numpy as np

# the settings of the test's two SGD runs (the test checks it reads these same numbers)
RIDGE = {"weight_decay": 0.1, "lr": 0.0005, "batch_size": 32}
OLS = {"weight_decay": 0.0, "lr": 0.001, "batch_size": 32}

path = sys.argv[1] if len(sys.argv) > 1 else "data/diabetes/diabetes.csv"
data = np.loadtxt(path, delimiter=",", skiprows=1)
validation = np.arange(len(data)) % 5 == 4
train = ~validation
x, y = data[:, :10], data[:, 10]
x_mean, x_sd = x[train].mean(axis=0), x[train].std(axis=0)
y_mean, y_sd = y[train].mean(), y[train].std()
# standardized rows with a trailing 1 for the bias
z = np.hstack([(x - x_mean) / x_sd, np.ones((len(x), 1))])
t = (y - y_mean) / y_sd
zt, tt, zv, yv = z[train], t[train], z[validation], y[validation]
n, d = zt.shape


def validation_mse(theta):
    return float(np.mean(((zv @ theta) * y_sd + y_mean - yv) ** 2))


def optimum(weight_decay):
    if weight_decay == 0:
        return np.linalg.lstsq(zt, tt, rcond=None)[0]
    decay = weight_decay * np.diag([1.0] * (d - 1) + [0.0])
    return np.linalg.solve(zt.T @ zt / n + decay, zt.T @ tt / n)


def sgd_spread(theta, weight_decay, lr, batch_size):
    decay = weight_decay * np.diag([1.0] * (d - 1) + [0.0])
    hessian = zt.T @ zt / n + decay
    per_row = (zt @ theta - tt)[:, None] * zt + decay @ theta
    mean_gradient = per_row.mean(axis=0)
    assert np.abs(mean_gradient).max() < 1e-12, mean_gradient
    s = per_row.T @ per_row / n
    m = np.eye(d) - lr * hessian
    c = np.linalg.solve(np.eye(d * d) - np.kron(m, m), (lr * lr / batch_size * s).reshape(-1)).reshape(d, d)
    # the validation MSE as a quadratic in theta: its gradient and Hessian at the optimum
    residual = (zv @ theta) * y_sd + y_mean - yv
    g = 2 * y_sd * (zv * residual[:, None]).mean(axis=0)
    hv = 2 * y_sd * y_sd * zv.T @ zv / len(zv)
    shift = 0.5 * np.trace(hv @ c)
    sd = np.sqrt(g @ c @ g + 0.5 * np.trace(hv @ c @ hv @ c))
    return c, shift, sd


print("# written by diabetes_lstsq.py (numpy %s); do not edit, run it again" % np.__version__)
print("train_rows=%d" % n)
print("validation_rows=%d" % len(zv))
print("target_mean=%r" % float(y_mean))
print("target_sd=%r" % float(y_sd))
# the slowest direction of the unregularized objective: how many steps SGD needs to forget its start
print("hessian_min_eigenvalue=%r" % float(np.linalg.eigvalsh(zt.T @ zt / n).min()))
for name, run in (("ols", OLS), ("ridge", RIDGE)):
    theta = optimum(run["weight_decay"])
    c, shift, sd = sgd_spread(theta, run["weight_decay"], run["lr"], run["batch_size"])
    for key, value in run.items():
        print("%s.%s=%r" % (name, key, value))
    print("%s.weights=%s" % (name, ",".join(repr(float(v)) for v in theta[:-1])))
    print("%s.bias=%r" % (name, float(theta[-1])))
    print("%s.validation_mse=%r" % (name, validation_mse(theta)))
    print("%s.sgd.weight_sd=%s" % (name, ",".join(repr(float(v)) for v in np.sqrt(np.diag(c))[:-1])))
    print("%s.sgd.bias_sd=%r" % (name, float(np.sqrt(c[-1, -1]))))
    print("%s.sgd.validation_mse_shift=%r" % (name, float(shift)))
    print("%s.sgd.validation_mse_sd=%r" % (name, float(sd)))
