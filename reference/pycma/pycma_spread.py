# The spread behind CmaEsTest's tolerances: pycma on the problems of pycma_bench.py, seeds 1 to 100, every
# seed's f-evaluations to 1e-8 (nan: not reached), the median, and the standard deviation of a median of
# 10 runs (the test's sample size), from disjoint blocks of 10 seeds and from the bootstrap.
import sys, numpy as np, cma, warnings
warnings.filterwarnings("ignore")
def sphere(x): return float(np.sum(np.asarray(x)**2))
def elli(x):
    x=np.asarray(x); n=len(x); return float(np.sum(1e6**(np.arange(n)/(n-1))*x**2))
def rosen(x):
    x=np.asarray(x); return float(np.sum(100*(x[1:]-x[:-1]**2)**2+(1-x[:-1])**2))
seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
for name,f,x0 in [("sphere",sphere,0.5),("ellipsoid",elli,0.5),("rosenbrock",rosen,0.0)]:
    ev=[]
    for seed in range(1,seeds+1):
        es=cma.CMAEvolutionStrategy(10*[x0], 0.5, {'seed':seed,'ftarget':1e-8,'verbose':-9,'maxfevals':1e6})
        es.optimize(f)
        ev.append(es.result.evaluations if es.result.fbest<=1e-8 else np.nan)
    ev=np.array(ev,float); ok=ev[~np.isnan(ev)]
    blocks=[np.nanmedian(ev[i:i+10]) for i in range(0,seeds-9,10)]
    rng=np.random.default_rng(0)
    boot=[np.median(rng.choice(ok,10)) for _ in range(20000)]
    print(f"{name}: reached {len(ok)}/{seeds}, median {np.median(ok):.0f}, sd {np.std(ok,ddof=1):.0f}, "
          f"sd of a median of 10: blocks {np.std(blocks,ddof=1):.0f} ({len(blocks)} blocks), bootstrap {np.std(boot):.0f}")
    print("  " + " ".join(f"{e:.0f}" for e in ev))
