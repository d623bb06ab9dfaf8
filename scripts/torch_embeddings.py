#!/usr/bin/env python3
"""Reference script: compute embeddings (and a per-sample score) with PyTorch, as .npy files the
Coreset Workbench reads — `npm run cli -- select --embeddings emb.npy`, `select-file` for data that
outgrew the tab, or "Import embeddings" beside the data in the app.

Rows are written in the dataset's own order (a DataLoader with shuffle=False), so row i of every
file is sample i of the dataset: for MNIST, row i of the official training file, which is what the
workbench calls the MNIST numbering (sourceIndices).

    python3 scripts/torch_embeddings.py --dataset mnist --root ~/data --out emb.npy --scores-out el2n.npy
    python3 scripts/torch_embeddings.py --dataset folder --root ~/imagenet/train --out emb.npy \
        --labels-out labels.npy        # then: npm run cli -- select-file --embeddings emb.npy --labels labels.npy

Embeddings: the 512-d penultimate features of torchvision's ImageNet-trained ResNet-18 (a generic
feature extractor; swap in CLIP / DINO the same way). Score (--scores-out): EL2N of a linear probe
trained for a few epochs on those features, ‖softmax(Wx+b) − onehot(y)‖₂ (higher = harder).
Needs torch and torchvision; runs on CUDA when available.
"""
import argparse

import numpy as np
import torch
import torchvision
from torch import nn
from torch.utils.data import DataLoader


def dataset_of(name, root):
    weights = torchvision.models.ResNet18_Weights.IMAGENET1K_V1
    norm = weights.transforms()
    if name == "mnist":
        # 28×28 greyscale → 3 channels, resized as the ImageNet model expects.
        tf = torchvision.transforms.Compose([torchvision.transforms.Grayscale(3), norm])
        return torchvision.datasets.MNIST(root, train=True, download=True, transform=tf)
    if name == "fashion":
        tf = torchvision.transforms.Compose([torchvision.transforms.Grayscale(3), norm])
        return torchvision.datasets.FashionMNIST(root, train=True, download=True, transform=tf)
    return torchvision.datasets.ImageFolder(root, transform=norm)


@torch.no_grad()
def embed(ds, device, batch_size, workers):
    model = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1)
    model.fc = nn.Identity()  # penultimate features
    model.eval().to(device)
    feats, labels = [], []
    loader = DataLoader(ds, batch_size=batch_size, shuffle=False, num_workers=workers)
    for i, (x, y) in enumerate(loader):
        feats.append(model(x.to(device)).float().cpu())
        labels.append(y)
        if i % 50 == 0:
            print(f"\r{min((i + 1) * batch_size, len(ds))}/{len(ds)}", end="", flush=True)
    print()
    return torch.cat(feats), torch.cat(labels)


def el2n_of_probe(feats, labels, device, epochs=5):
    classes = int(labels.max()) + 1
    probe = nn.Linear(feats.shape[1], classes).to(device)
    opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
    x, y = feats.to(device), labels.to(device)
    for _ in range(epochs):
        for idx in torch.randperm(len(x), device=device).split(512):
            opt.zero_grad()
            nn.functional.cross_entropy(probe(x[idx]), y[idx]).backward()
            opt.step()
    with torch.no_grad():
        p = torch.softmax(probe(x), dim=1)
        return (p - nn.functional.one_hot(y, classes).float()).norm(dim=1).cpu()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", choices=["mnist", "fashion", "folder"], default="mnist")
    ap.add_argument("--root", required=True, help="where torchvision keeps MNIST, or the ImageFolder root")
    ap.add_argument("--out", default="emb.npy", help="N × 512 float32 embeddings")
    ap.add_argument("--labels-out", help="N int64 labels (for select-file)")
    ap.add_argument("--scores-out", help="N float32 EL2N scores of a linear probe")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if args.dataset == "fashion":
        print("note: the workbench's Fashion-MNIST rows are its own seeded split, not torchvision's order;"
              " these rows match torchvision's FashionMNIST, not the workbench's numbering")
    ds = dataset_of(args.dataset, args.root)
    feats, labels = embed(ds, device, args.batch_size, args.workers)
    np.save(args.out, feats.numpy().astype(np.float32))
    print(f"wrote {args.out}: {tuple(feats.shape)} float32")
    if args.labels_out:
        np.save(args.labels_out, labels.numpy().astype(np.int64))
        print(f"wrote {args.labels_out}")
    if args.scores_out:
        np.save(args.scores_out, el2n_of_probe(feats, labels, device).numpy().astype(np.float32))
        print(f"wrote {args.scores_out}")


if __name__ == "__main__":
    main()
