"""The PyTorch twin of Model Studio's sample networks, for `bench --peer`.

Trains the MLP or the small CNN (the same layers as sample-models/mlp.json and small-cnn.json) with the same recipe
(Adam, learning rate 0.001, cross entropy, the given batch size, Xavier-initialised weights, zero biases, and the
template's L2 penalty on the weights, added to their gradients as DL4J's l2 and torch's weight_decay both do) on the
images the studio wrote: x.f32 (N×784 float32, values 0..1) and y.u8 (N labels). Prints one JSON line with the
samples per second of the training loop alone (data loading and imports left out), the threads torch used and the
last epoch's loss and accuracy.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn


def network(name):
    if name == "mlp":
        layers = [nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10)]
    else:
        layers = [nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10)]
    net = nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--net", choices=["mlp", "cnn"], required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--l2", type=float, default=0.0, help="L2 penalty on the weights (not the biases)")
    p.add_argument("--threads", type=int, default=0, help="0: torch's default")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = torch.from_numpy(np.fromfile(a.data + "/x.f32", dtype=np.float32).reshape(-1, 1, 28, 28).copy())
    y = torch.from_numpy(np.fromfile(a.data + "/y.u8", dtype=np.uint8).astype(np.int64))
    net = network(a.net)
    weights = [p for name, p in net.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in net.named_parameters() if not name.endswith("weight")]
    opt = torch.optim.Adam([{"params": weights, "weight_decay": a.l2}, {"params": biases, "weight_decay": 0.0}], lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    start = time.perf_counter()
    for _ in range(a.epochs):
        order = torch.randperm(n)
        total, correct = 0.0, 0
        for i in range(0, n, a.batch):
            idx = order[i:i + a.batch]
            xb, yb = x[idx], y[idx]
            opt.zero_grad()
            out = net(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            correct += (out.argmax(1) == yb).sum().item()
    seconds = time.perf_counter() - start
    print(json.dumps({"samples_per_second": n * a.epochs / seconds, "threads": torch.get_num_threads(),
                      "loss": total / n, "accuracy": correct / n, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
